"""File > Merge a draft… and the merge review window (okrdesk.drafts.merge names the parts)."""
