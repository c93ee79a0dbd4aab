"""The import route of a programme: a coordinator uploads a list, sees every problem, then imports the valid rows.
Another programme's id, or one she does not coordinate, gets the answer an unknown id gets."""

from uuid import UUID

from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from imports import services
from imports.columns import columns_for
from imports.reading import read_table
from imports.serializers import ImportInputSerializer, ImportOutputSerializer
from programmes.selectors import coordinated_programme


class ProgrammeImportApi(PublicAPIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="programmes_import",
        request=ImportInputSerializer,
        responses={200: ImportOutputSerializer, 201: ImportOutputSerializer},
        description="Check a list of mentees, mentors or workers (CSV or XLSX) row by row; with commit=true, import "
        "every valid row at once. Nothing is stored by a check, and the file is never kept.",
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        user: User = request.user  # type: ignore[assignment]
        programme = coordinated_programme(user=user, programme_id=programme_id)
        serializer = ImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data["file"]
        table = read_table(upload.name or "", upload.read())
        role = data["role"]
        given = data.get("mapping")
        mapping = (
            given if given is not None else services.mapping_for(programme=programme, role=role, headers=table.headers)
        )
        outcome = services.import_people(
            programme=programme,
            coordinator=user,
            role=role,
            table=table,
            mapping=mapping,
            consent_method=data.get("consent_method"),
            commit=data["commit"],
            language=get_language() or "en",
            site=request.build_absolute_uri("/"),
            now=timezone.now(),
        )
        if given is not None:
            services.remember_mapping(programme=programme, coordinator=user, role=role, mapping=given)
        samples = [next((cells[i] for _n, cells in table.rows if cells[i]), "") for i in range(len(table.headers))]
        body = ImportOutputSerializer(
            {
                "role": role,
                "columns": [
                    {"header": h, "letter": table.letter(i), "field": mapping.get(h, ""), "sample": samples[i][:80]}
                    for i, h in enumerate(table.headers)
                ],
                "fields": [
                    {"key": c.key, "label": str(c.label), "required": role in c.required_for} for c in columns_for(role)
                ],
                "rows": outcome.rows,
                "valid": outcome.valid,
                "problems": [vars(p) for p in outcome.problems],
                "committed": outcome.committed,
                "imported": outcome.imported,
                "joined": outcome.joined,
                "invited": outcome.invited,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED if outcome.committed else status.HTTP_200_OK)
