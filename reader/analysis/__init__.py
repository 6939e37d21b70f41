"""Article analysis: quotes, speakers, entities and metadata (no Qt)."""
