"""API: who am I, and my personal API tokens."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from comptoir.accounts.access import request_user
from comptoir.accounts.auth import INTEGRATION_PERMISSION
from comptoir.accounts.models import ApiToken
from comptoir.accounts.schemas import IssuedTokenOut, MembershipOut, MeOut, TokenIn, TokenOut
from comptoir.accounts.services import api_token_create, api_token_revoke
from comptoir.core.api import Error

router = Router(tags=["me"])


@router.get("/me", response=MeOut, summary="Who you are")
def me(request: HttpRequest) -> MeOut:
    user = request_user(request)
    memberships = [
        MembershipOut(shop_id=m.shop.external_id, shop_name=m.shop.name, role=m.role)
        for m in user.shop_memberships.select_related("shop").order_by("shop__name")
    ]
    return MeOut(
        id=user.id,
        username=user.username,
        display_name=str(user),
        email=user.email,
        language=user.language,
        time_zone=user.time_zone,
        memberships=memberships,
        trust_and_safety=user.is_trust_and_safety,
        marketplace_integration=user.has_perm(INTEGRATION_PERMISSION),
    )


@router.get("/me/tokens", response=list[TokenOut], summary="Your API tokens")
def tokens(request: HttpRequest) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=request_user(request)).order_by("-created_at", "-id"))


@router.post(
    "/me/tokens", response={201: IssuedTokenOut, 422: Error}, summary="Create an API token"
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[IssuedTokenOut]:
    issued = api_token_create(user=request_user(request), name=payload.name)
    token = TokenOut.model_validate(issued.token, from_attributes=True)
    return Status(201, IssuedTokenOut(**token.model_dump(), secret=issued.secret))


@router.post(
    "/me/tokens/{token_id}/revoke",
    response={200: TokenOut, 404: Error},
    summary="Revoke an API token",
)
def token_revoke(request: HttpRequest, token_id: int) -> ApiToken:
    return api_token_revoke(user=request_user(request), token_id=token_id)
