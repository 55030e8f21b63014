"""Language knowledge: normalisation, people's names, dates, numbers, places."""
