"""Library-backed extractors for the scam checker (phone numbers, QR codes): core stays pure."""
