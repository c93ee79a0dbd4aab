"""Page-number pagination with a client-chosen page size (bounded); for the big lists of a programme, a count that
is cached briefly (CachedCountPagination)."""

import hashlib
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from rest_framework import pagination, serializers
from rest_framework.request import Request

CACHED_COUNT_FROM = 1000
"""A list with fewer rows is counted on every request (cheap, and a coordinator who just added someone sees her);
from this many rows on, its count is served from the cache for LIST_COUNT_CACHE_SECONDS."""


class FirstPagePaginator(Paginator):
    """Django's paginator, except that the first page reads one row more than a page before anything is counted: a
    list that fits on it (her own matches, most people's notices) then needs no COUNT query, which for an
    annotated list costs more to build than the page itself. A longer list is counted as before, and its first
    page is not read again."""

    def page(self, number: Any) -> Any:
        if str(number) != "1" or "count" in self.__dict__:
            return super().page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.__dict__["count"] = len(rows)  # what the cached property would have counted
            return Page(rows, 1, self)
        return Page(rows[: self.per_page], 1, self)


class PageNumberPagination(pagination.PageNumberPagination):
    django_paginator_class = FirstPagePaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int | None:
        # DRF quietly ignores a page size that is not a positive number; the schema says integer, so say so.
        raw: Any = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isdigit() and int(raw) > 0):
            raise serializers.ValidationError(
                {self.page_size_query_param: ["Give a whole number of 1 or more (at most 200 are shown)."]}
            )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] in (self.page_query_param, self.page_size_query_param):
                parameter["schema"]["minimum"] = 1
        return parameters


class CachedCountPaginator(FirstPagePaginator):
    """Django's paginator whose count of a long list is kept in the cache for LIST_COUNT_CACHE_SECONDS, keyed by the
    count query itself (its table, its filters and their values): counting 26,000 participants costs a join over
    every one of them (~30 ms at 20k), the page itself a walk of an index (~1 ms). A list shorter than
    CACHED_COUNT_FROM is always counted."""

    @cached_property
    def count(self) -> int:
        seconds: int = settings.LIST_COUNT_CACHE_SECONDS
        query = getattr(self.object_list, "query", None)
        if not seconds or query is None:
            return super().count
        try:
            key = "list-count:" + hashlib.sha256(str(query).encode()).hexdigest()
        except EmptyResultSet:  # a filter that can match nothing (none(), an empty IN): counted as Django does
            return super().count
        counted: int | None = cache.get(key)
        if counted is None:
            counted = super().count
            if counted >= CACHED_COUNT_FROM:
                cache.set(key, counted, seconds)
        return counted


class CachedCountPagination(PageNumberPagination):
    """For a programme's long lists whose count nothing acts on (participants, mentor load); never for proposals,
    whose count a coordinator's bulk action confirms (mentoring.apis._proposal_ids_as_seen)."""

    django_paginator_class = CachedCountPaginator
