"""Portal models, one module per part (publiek, hulp, vrijwilligers, mijn)."""
