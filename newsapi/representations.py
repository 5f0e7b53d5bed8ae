"""The API's representations, as REST framework serializers: the project's own JSON for
stories, sections, people and corrections; the shape of ninjs items (built by
`newsapi.ninjs`, described here for the OpenAPI description); and the paged envelopes.

Serializers read live `Publication` rows only (see `selectors`), with what they show
prefetched, so a page costs the same few queries whatever its stories carry. The context
holds the `request` (for absolute URLs) and `targets`, the live stories that the stories
link to (`selectors.related_targets`).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.images import lead_photo_renditions

from . import ninjs

# Values of the fields that share a name across components, named for the OpenAPI
# description (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] refers to these).
CORRECTION_KINDS = ["correction", "clarification", "update"]
RELATED_KINDS = ["story", "external"]
SUBJECT_RELS = ["section", "tag"]
PARTY_RELS = ["author", "contributor"]
ASSOCIATION_RELS = ["related", "seeAlso", "featuremedia"]
ITEM_TYPES = ["text"]
ASSOCIATION_TYPES = ["text", "picture"]


def enum(values: list[str], **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=values, **kwargs)


def _absolute(context: dict, path: str) -> str:
    """`path` as an absolute URL on the request's host (worked out once per response)."""
    if "origin" not in context:
        context["origin"] = context["request"].build_absolute_uri("/").rstrip("/")
    return context["origin"] + path


class SectionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The section's page.")

    def get_url(self, section) -> str:
        return _absolute(self.context, section.get_absolute_url())


class TagSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The tag's page.")

    def get_url(self, tag) -> str:
        return _absolute(self.context, tag.get_absolute_url())


class BylineSerializer(serializers.Serializer):
    name = serializers.CharField(source="person.name")
    slug = serializers.SlugField(source="person.slug")
    url = serializers.SerializerMethodField(help_text="The author's page.")
    title = serializers.CharField(help_text="The author's title for this story.")
    outlet = serializers.CharField(help_text="The outlet the author wrote this story for.")

    def get_url(self, byline) -> str:
        return _absolute(self.context, byline.person.get_absolute_url())


class FullBylineSerializer(BylineSerializer):
    bio_line = serializers.CharField()


class CreditSerializer(serializers.Serializer):
    """One contributor credit: “Associated Press staff writer Ali Jabar in Baghdad”."""

    person = serializers.CharField(source="entry.person")
    organisation = serializers.CharField(source="entry.organisation")
    role = serializers.CharField(source="entry.role")
    location = serializers.CharField(source="entry.location")


class CorrectionSerializer(serializers.Serializer):
    kind = enum(CORRECTION_KINDS)
    note = serializers.CharField()
    noted_at = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_noted_at(self, correction) -> str | None:
        moment = parse_datetime(correction.get("noted_at") or "")
        return moment.isoformat() if moment else None


class RelatedSerializer(serializers.Serializer):
    kind = enum(RELATED_KINDS, help_text="One of our live stories, or another site.")
    id = serializers.IntegerField(allow_null=True, help_text="The story's id (stories only).")
    headline = serializers.CharField()
    url = serializers.URLField()


class LeadImageSerializer(serializers.Serializer):
    url = serializers.URLField()
    alt = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField()


class StorySummarySerializer(serializers.Serializer):
    """A story in a list: everything but the body and its furniture."""

    id = serializers.IntegerField(source="article_id", help_text="The story's id; never changes.")
    uri = serializers.SerializerMethodField(help_text="The story's ninjs `uri`; never changes.")
    slug = serializers.SlugField(help_text="The last part of the story's address; may change.")
    url = serializers.SerializerMethodField(help_text="The story's page.")
    ninjs_url = serializers.SerializerMethodField(help_text="The story as an IPTC ninjs item.")
    headline = serializers.CharField()
    dek = serializers.CharField()
    dateline = serializers.CharField()
    language = serializers.CharField()
    section = SectionSerializer()
    tags = TagSerializer(many=True, source="tags.all")
    bylines = BylineSerializer(many=True, source="bylines.all")
    lead_image = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(help_text="First publication; never moves.")
    updated_at = serializers.DateTimeField(allow_null=True, help_text="Last public update.")
    modified_at = serializers.DateTimeField(
        source="last_modified", help_text="The later of published_at and updated_at."
    )
    version = serializers.IntegerField(help_text="Goes up each time readers see a change.")

    def get_uri(self, publication) -> str:
        return ninjs.story_uri(publication.article_id)

    def get_url(self, publication) -> str:
        return _absolute(self.context, publication.get_absolute_url())

    def get_ninjs_url(self, publication) -> str:
        path = reverse("newsapi:ninjs-story", kwargs={"pk": publication.article_id})
        return _absolute(self.context, path)

    @extend_schema_field(LeadImageSerializer(allow_null=True))
    def get_lead_image(self, publication) -> dict | None:
        renditions = lead_photo_renditions(
            publication, absolute=lambda url: _absolute(self.context, url)
        )
        # The widest rendition in the photo's own shape (crops are named "w…-16x9.jpeg").
        whole = [r for r in renditions if "-" not in r["name"]]
        if not whole:
            return None
        return {
            "url": max(whole, key=lambda r: r["width"])["href"],
            "alt": publication.lead_image_alt,
            "caption": publication.lead_image_caption,
            "credit": publication.lead_image_credit,
        }


class StorySerializer(StorySummarySerializer):
    """One story, with its body (sanitised HTML), bio lines, credits, related links and
    corrections, as its page shows them."""

    body = serializers.CharField(help_text="HTML, sanitised to the site's body allowlist.")
    bylines = FullBylineSerializer(many=True, source="bylines.all")
    credits = CreditSerializer(many=True)
    credit_line = serializers.CharField()
    related = serializers.SerializerMethodField(
        help_text="Curated links: live stories of ours (others are left out) and other sites."
    )
    corrections = CorrectionSerializer(many=True)

    @extend_schema_field(RelatedSerializer(many=True))
    def get_related(self, publication) -> list[dict]:
        targets = self.context["targets"]
        related = []
        for link in publication.related_links:
            if "article_id" in link:
                target = targets.get(link["article_id"])
                if target is not None and target.pk != publication.pk:
                    related.append(
                        {
                            "kind": "story",
                            "id": target.article_id,
                            "headline": target.headline,
                            "url": _absolute(self.context, target.get_absolute_url()),
                        }
                    )
            elif link.get("url"):
                title = link.get("title") or link["url"]
                related.append(
                    {"kind": "external", "id": None, "headline": title, "url": link["url"]}
                )
        return related


class PersonSerializer(serializers.Serializer):
    """Someone on the byline of a live story (nobody else is public)."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    title = serializers.CharField(help_text="Current title (a story's byline has its own).")
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)
    short_bio = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The author's page.")
    stories_url = serializers.SerializerMethodField(help_text="Their stories, in this API.")

    def get_url(self, person) -> str:
        return _absolute(self.context, person.get_absolute_url())

    def get_stories_url(self, person) -> str:
        return _absolute(self.context, reverse("newsapi:stories") + f"?author={person.slug}")


class CorrectionEntrySerializer(serializers.Serializer):
    story = serializers.IntegerField(help_text="The corrected story's id.")
    headline = serializers.CharField()
    url = serializers.URLField()
    kind = enum(CORRECTION_KINDS)
    note = serializers.CharField()
    noted_at = serializers.DateTimeField(allow_null=True)


# The shape of a ninjs item as `newsapi.ninjs` builds it, for the OpenAPI description (IPTC's
# schema itself is the test of conformance). Optional keys are absent rather than empty.


def _text(**kwargs) -> serializers.CharField:
    return serializers.CharField(**kwargs)


def _shape(component: str, **fields) -> type[serializers.Serializer]:
    return type(component, (serializers.Serializer,), fields)


_Text = _shape(
    "NinjsText", role=_text(required=False), contentType=_text(required=False), value=_text()
)
_Body = _shape(
    "NinjsBody",
    role=_text(),
    contentType=_text(),
    charCount=serializers.IntegerField(),
    wordCount=serializers.IntegerField(),
    value=_text(help_text="HTML, sanitised to the site's body allowlist."),
)
_Rendition = _shape(
    "NinjsRendition", name=_text(), href=serializers.URLField(), contentType=_text(required=False)
)
_Subject = _shape(
    "NinjsSubject",
    name=_text(),
    rel=enum(SUBJECT_RELS),
    uri=serializers.URLField(),
    literal=_text(help_text="The slug."),
)
_Address = _shape("NinjsAddress", locality=_text())
_Contact = _shape("NinjsContactInfo", type=_text(), role=_text(), address=_Address())
_Person = _shape(
    "NinjsPerson",
    name=_text(),
    rel=enum(PARTY_RELS),
    uri=serializers.URLField(required=False, help_text="Authors: their page."),
    contactInfo=_Contact(required=False, many=True, help_text="Where a contributor reported from."),
)
_Organisation = _shape(
    "NinjsOrganisation",
    name=_text(),
    rel=enum(PARTY_RELS),
)
_Association = _shape(
    "NinjsAssociation",
    name=_text(),
    rel=enum(ASSOCIATION_RELS),
    uri=_text(help_text="A story's ninjs uri, an external page's address, or the picture's."),
    type=enum(ASSOCIATION_TYPES, required=False),
    version=_text(required=False),
    firstCreated=serializers.DateTimeField(required=False),
    versionCreated=serializers.DateTimeField(required=False),
    headlines=_Text(required=False, many=True),
    descriptions=_Text(required=False, many=True),
    by=_text(required=False),
    renditions=_Rendition(many=True),
)
_Standard = _shape("NinjsStandard", name=_text(), version=_text(), schema=_text())
_Rights = _shape("NinjsRightsInfo", linkedRights=serializers.URLField())


class NinjsItemSerializer(serializers.Serializer):
    """A live story as an IPTC ninjs 3.1 item; it validates against IPTC's schema
    (http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json). See `newsapi.ninjs` for how
    bylines, credits, tags and links map onto ninjs's fields."""

    uri = _text(help_text="Stable for the story's life: a tag URI with the story's id.")
    standard = _Standard()
    type = enum(ITEM_TYPES)
    representationType = enum(["full"])
    profile = enum(["text-only", "text-photo"])
    version = _text()
    firstCreated = serializers.DateTimeField()
    versionCreated = serializers.DateTimeField()
    contentCreated = serializers.DateTimeField(required=False)
    pubStatus = enum(["usable"])
    language = _text()
    slugline = _text()
    headlines = _Text(many=True)
    bodies = _Body(many=True)
    descriptions = _Text(
        required=False,
        many=True,
        help_text="Roles: summary, credit, bio, correction, clarification, update.",
    )
    by = _text(required=False, help_text="Each author with their title and outlet for this story.")
    located = _text(required=False, help_text="The dateline.")
    subjects = _Subject(many=True)
    people = _Person(required=False, many=True)
    organisations = _Organisation(required=False, many=True)
    associations = _Association(required=False, many=True)
    renditions = _Rendition(many=True, help_text="The story's page.")
    copyrightHolder = _text()
    copyrightNotice = _text()
    usageTerms = _text(required=False)
    rightsInfo = _Rights(required=False)

    def to_representation(self, publication) -> dict:
        request = self.context["request"]
        return ninjs.item(
            publication, targets=self.context["targets"], absolute=request.build_absolute_uri
        )


def _page(name: str, item: serializers.Serializer, doc: str) -> type[serializers.Serializer]:
    return type(
        name,
        (serializers.Serializer,),
        {
            "__doc__": doc,
            "results": item,
            "next": serializers.URLField(
                allow_null=True, help_text="The next page, or null on the last one."
            ),
        },
    )


StoryPageSerializer = _page("StoryPage", StorySummarySerializer(many=True), "A page of stories.")
PersonPageSerializer = _page("PersonPage", PersonSerializer(many=True), "A page of people.")
CorrectionPageSerializer = _page(
    "CorrectionPage", CorrectionEntrySerializer(many=True), "Corrections, newest story first."
)
SectionListSerializer = _page("SectionList", SectionSerializer(many=True), "Every section.")
NinjsPageSerializer = _page(
    "NinjsPage", NinjsItemSerializer(many=True), "A page of stories as ninjs items."
)
