"""The app's own date formats per language (FORMAT_MODULE_PATH): only what Django's differ on."""
