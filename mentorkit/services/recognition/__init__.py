"""Recognition: certificates of completion, and the milestones the report counts."""
