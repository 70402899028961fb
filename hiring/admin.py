"""The hiring app's admin: each package's admin classes, registered here explicitly.

Every queryset, choice and autocomplete is scoped to the recruiter's company (see
`tenancy.admin_scoping`); every write goes through the packages' services, shared with
the review pages and the API.
"""

from django.contrib import admin

from roles.models import (
    Emphasis,
    InterviewQuestion,
    Level,
    Responsibility,
    RoleFact,
    RoleFamily,
    SalaryBand,
    Skill,
)

from .api.admin import ApiKeyAdmin
from .exports.admin import BulkExportAdmin
from .models import (
    ApiKey,
    BulkExport,
    Company,
    JobPosting,
    Membership,
    Review,
    Rubric,
    WebhookDelivery,
    WebhookEndpoint,
)
from .postings.admin import JobPostingAdmin
from .review.admin import ReviewAdmin
from .rubrics.admin import RubricAdmin
from .tenancy import catalog_admin
from .tenancy.admin import CompanyAdmin, MembershipAdmin
from .webhooks.admin import WebhookDeliveryAdmin, WebhookEndpointAdmin

# Postings, their rubrics and reviews.
admin.site.register(JobPosting, JobPostingAdmin)
admin.site.register(Rubric, RubricAdmin)
admin.site.register(Review, ReviewAdmin)

# Companies and their people.
admin.site.register(Company, CompanyAdmin)
admin.site.register(Membership, MembershipAdmin)

# The catalog (`roles` models), with the hiring side's scoping.
admin.site.register(RoleFamily, catalog_admin.RoleFamilyAdmin)
admin.site.register(Skill, catalog_admin.SkillAdmin)
admin.site.register(Responsibility, catalog_admin.ResponsibilityAdmin)
admin.site.register(Emphasis, catalog_admin.EmphasisAdmin)
admin.site.register(Level, catalog_admin.LevelAdmin)
admin.site.register(SalaryBand, catalog_admin.SalaryBandAdmin)
admin.site.register(InterviewQuestion, catalog_admin.InterviewQuestionAdmin)
admin.site.register(RoleFact, catalog_admin.RoleFactAdmin)

# Bulk exports, API keys and webhooks.
admin.site.register(BulkExport, BulkExportAdmin)
admin.site.register(ApiKey, ApiKeyAdmin)
admin.site.register(WebhookEndpoint, WebhookEndpointAdmin)
admin.site.register(WebhookDelivery, WebhookDeliveryAdmin)
