"""Orchestration: taking inputs through the stages (read, store, extract) in one place."""
