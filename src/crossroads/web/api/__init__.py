"""JSON endpoints under /api, one router per area; every list is paginated (limit/offset/total)."""
