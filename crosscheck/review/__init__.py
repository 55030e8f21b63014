"""People's decisions on findings: the reviews file, the CI gate, the terminal walk."""
