"""What the mismatch engine finds in a posting: the ORM → rules adapter, the analyses,
acknowledgements, the stored counts and the lean chart."""
