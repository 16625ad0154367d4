"""What counts as an address on this site."""


def is_local_path(path):
    """A path on this site: "/faq/x/", never "//other.example" or "/\\other.example" (which
    browsers read as another site) nor a full URL."""
    return path.startswith("/") and not path.startswith(("//", "/\\"))
