"""Interview rubrics: built from a posting's must-haves, edited under the posting's
version (`services`), and the recruiter's admin (`admin`)."""
