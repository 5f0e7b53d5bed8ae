"""Stories, their bylines, credits and related links, and the public record of what is live."""
