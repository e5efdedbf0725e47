from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from renda.accounts.models import RoleGrant, User
from renda.core import audit
from renda.core.choices import AuditAction


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["region", "station", "person", "handling_unit"]


@admin.register(User)
class RendaUserAdmin(UserAdmin):
    """Accounts and their roles are configuration; every change here is audited too."""

    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ["full_name"]}),)
    list_display = ["username", "full_name", "is_active", "is_superuser", "last_login"]
    search_fields = ["username", "full_name"]
    inlines = [RoleGrantInline]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        before = audit.snapshot(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if change:
            audit.record(actor=request.user, action=AuditAction.UPDATE, obj=obj, before=before)
        else:
            audit.record(actor=request.user, action=AuditAction.CREATE, obj=obj)

    @transaction.atomic
    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record(actor=request.user, action=AuditAction.DELETE, obj=obj)
            obj.delete()
        for obj in instances:
            is_new = obj.pk is None
            before = None if is_new else audit.snapshot(RoleGrant.objects.get(pk=obj.pk))
            obj.save()
            audit.record(
                actor=request.user,
                action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
                obj=obj,
                before=before,
            )
        formset.save_m2m()
