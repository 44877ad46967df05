"""What the share settings page shows for each link."""

from dataclasses import dataclass

from django.urls import reverse

from sharing.models import ShareLink


@dataclass(frozen=True)
class LinkItem:
    link: ShareLink
    state: str
    url: str  # the full public address


def link_items(request, links, *, today) -> list[LinkItem]:
    return [
        LinkItem(
            link=link,
            state=link.state(today),
            url=request.build_absolute_uri(reverse("share_home", args=[link.token])),
        )
        for link in links
    ]
