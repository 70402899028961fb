"""What a posting's services refuse: the state or the role does not allow it, or the
change was based on a version that is no longer current."""

STALE_VERSION = (
    "Someone else saved this posting (now version {current}) after you opened version "
    "{expected}. Your changes were not saved; reload the posting and apply them again."
)


class PostingError(Exception):
    """A request that the posting's state or the user's role does not allow."""


class StaleVersionError(PostingError):
    """The change was based on a version of the posting that is no longer current."""

    def __init__(self, *, current: int, expected: int):
        super().__init__(STALE_VERSION.format(current=current, expected=expected))
        self.current = current
        self.expected = expected


class NotAllowedError(PostingError):
    """The user's role, company or assignment does not allow this on this posting."""
