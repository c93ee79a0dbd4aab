"""What an import remembers: per programme and role, which column of her list fills which field. The lists
themselves are never stored: a dry run and the import each read the uploaded file and let it go."""

from django.conf import settings
from django.db import models

from common.models import BaseModel


class ImportMapping(BaseModel):
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="import_mappings")
    role = models.CharField(max_length=20)
    columns = models.JSONField(default=dict, help_text="Column header → field key (empty: not imported).")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "role"], name="import_mapping_once_per_role")]

    def __str__(self) -> str:
        return f"import columns of {self.programme_id} ({self.role})"
