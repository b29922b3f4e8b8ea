import os

# openpyxl parses with lxml whenever lxml is installed (factur-x brings it), and lxml's parser is
# not defused: keep openpyxl on defusedxml for every spreadsheet the product reads (issue 10).
# Set here, before anything imports openpyxl.
os.environ["OPENPYXL_LXML"] = "False"
