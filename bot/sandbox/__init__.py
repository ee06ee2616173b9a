"""The offline sandbox: the tgemu emulator joined with the real bot (the only place they meet)."""
