"""Opt-in reports from the public: redaction, reporter hash, the variant radar, export, drafts."""
