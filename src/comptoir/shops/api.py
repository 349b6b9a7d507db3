"""Integration API: shops, their members and policies, by the marketplace's ids."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from comptoir.accounts.auth import require_integration
from comptoir.core.api import ERRORS, PageOf, Paging, answer, page_of
from comptoir.shops.models import Shop, ShopMember, ShopPolicy
from comptoir.shops.schemas import MemberIn, MemberOut, ShopIn, ShopOut
from comptoir.shops.selectors import get_shop_by_external_id
from comptoir.shops.services import (
    PolicyInput,
    shop_member_remove,
    shop_member_upsert,
    shop_upsert,
)

router = Router(tags=["shops"])


def shops_with_policies() -> QuerySet[Shop]:
    return Shop.objects.prefetch_related(Prefetch("policies", queryset=ShopPolicy.objects.all()))


@router.get("/shops", response={200: PageOf[ShopOut], **ERRORS}, summary="List shops")
def shop_list(request: HttpRequest, paging: Query[Paging]) -> dict[str, object]:
    require_integration(request)
    return page_of(shops_with_policies(), order=("id",), paging=paging)


@router.get("/shops/{shop_id}", response={200: ShopOut, **ERRORS}, summary="Read a shop")
def shop_read(request: HttpRequest, shop_id: str) -> Shop:
    require_integration(request)
    return shops_with_policies().get(pk=get_shop_by_external_id(shop_id).pk)


@router.put(
    "/shops/{shop_id}",
    response={200: ShopOut, 201: ShopOut, **ERRORS},
    summary="Create or update a shop",
    description="Idempotent: the same call twice changes nothing. Answers 201 when it "
    "created the shop; the `Comptoir-Outcome` header says created, updated or unchanged.",
)
def shop_put(
    request: HttpRequest, response: HttpResponse, shop_id: str, payload: ShopIn
) -> Status[Shop]:
    require_integration(request)
    data = payload.dict(exclude={"policies"})
    policies = (
        [PolicyInput(section=p.section, options=p.options, text=p.text) for p in payload.policies]
        if payload.policies is not None
        else None
    )
    shop, outcome = shop_upsert(external_id=shop_id, policies=policies, **data)
    return Status(answer(response, outcome), shops_with_policies().get(pk=shop.pk))


@router.get(
    "/shops/{shop_id}/members",
    response={200: list[MemberOut], **ERRORS},
    summary="List a shop's members",
)
def member_list(request: HttpRequest, shop_id: str) -> QuerySet[ShopMember]:
    require_integration(request)
    shop = get_shop_by_external_id(shop_id)
    return ShopMember.objects.filter(shop=shop).select_related("user").order_by("id")


@router.put(
    "/shops/{shop_id}/members/{user_id}",
    response={200: MemberOut, 201: MemberOut, **ERRORS},
    summary="Add or update a shop member",
    description="A shop has one owner: making someone owner makes the previous owner staff.",
)
def member_put(
    request: HttpRequest, response: HttpResponse, shop_id: str, user_id: str, payload: MemberIn
) -> Status[ShopMember]:
    require_integration(request)
    shop = get_shop_by_external_id(shop_id)
    member, outcome = shop_member_upsert(
        shop=shop,
        user_external_id=user_id,
        role=payload.role,
        email=payload.email,
        display_name=payload.display_name,
    )
    return Status(answer(response, outcome), member)


@router.delete(
    "/shops/{shop_id}/members/{user_id}",
    response={204: None, **ERRORS},
    summary="Remove a shop member",
)
def member_delete(request: HttpRequest, shop_id: str, user_id: str) -> Status[None]:
    require_integration(request)
    shop_member_remove(shop=get_shop_by_external_id(shop_id), user_external_id=user_id)
    return Status(204, None)
