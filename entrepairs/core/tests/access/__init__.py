"""The access matrix: one shared world, every role × object × action × channel, compared with the
independent expected table docs/access-expected.yaml. Regenerate docs/access-matrix.md with
bin/access-matrix."""
