"""Pushed messages (tip reminders and broadcasts): rate limits, the ledger, the sender."""
