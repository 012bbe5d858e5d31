"""Parties: who claims figures and whose losses they are."""

from sqlmodel import Field, SQLModel

from app.sqltypes import one_of

PARTY_KINDS = ("state", "armed_group", "third_party", "unattributed")


class PartyBase(SQLModel):
    display_name: str = Field(max_length=200)
    kind: str = Field(max_length=20)


class Party(PartyBase, table=True):
    __tablename__ = "party"
    __table_args__ = (one_of("kind", PARTY_KINDS, "kind"),)

    id: str = Field(primary_key=True, max_length=64)


class PartyRead(PartyBase):
    id: str
