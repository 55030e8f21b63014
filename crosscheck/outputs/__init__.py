"""What a check produces: report.json, report.html, the CI formats."""
