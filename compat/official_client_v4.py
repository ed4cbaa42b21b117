"""Calls every v4 associations API of the official Python client `hubspot-api-client` through HubGate.

Usage: python official_client_v4.py GATEWAY_URL CLIENT_KEY

HubGate must be running in front of the simulator in the `hubspot` dialect (`hubgate demo --dialect
hubspot`). Each call must succeed and deserialize into the client's models: a `None` result where the
client declares a body means HubGate (or the simulator) answered with a status code the client does
not list, which real HubSpot never does. Prints 'N passed, N failed' and exits non-zero on failure.
"""

import sys

from checks import finish, run
from hubspot import HubSpot
from hubspot.crm.associations.v4 import (
    AssociationSpec,
    BatchInputPublicAssociationMultiArchive,
    BatchInputPublicAssociationMultiPost,
    BatchInputPublicDefaultAssociationMultiPost,
    BatchInputPublicFetchAssociationsBatchRequest,
    PublicAssociationMultiArchive,
    PublicAssociationMultiPost,
    PublicDefaultAssociationMultiPost,
    PublicFetchAssociationsBatchRequest,
    PublicObjectId,
)
from hubspot.crm.associations.v4.schema import (
    BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
    BatchInputPublicAssociationDefinitionConfigurationUpdateRequest,
    BatchInputPublicAssociationSpec,
    PublicAssociationDefinitionConfigurationCreateRequest,
    PublicAssociationDefinitionConfigurationUpdateRequest,
    PublicAssociationDefinitionCreateRequest,
    PublicAssociationDefinitionUpdateRequest,
)
from hubspot.crm.associations.v4.schema import PublicAssociationSpec

GATEWAY, KEY = sys.argv[1], sys.argv[2]
client = HubSpot(access_token=KEY, host=GATEWAY)
basic = client.crm.associations.v4.basic_api
batch = client.crm.associations.v4.batch_api
report = client.crm.associations.v4.report_api
definitions = client.crm.associations.v4.schema.definitions_api
configurations = client.crm.associations.v4.schema.definition_configurations_api

PRIMARY = AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=1)
UNLABELED = AssociationSpec(association_category="HUBSPOT_DEFINED", association_type_id=279)


# Labels (definitions_api): create a paired label, list, update, and later delete.
created = run(
    "definitions.create",
    lambda: definitions.create("contacts", "companies", PublicAssociationDefinitionCreateRequest(
        label="Decision maker", name="decision_maker", inverse_label="Decided by")),
    lambda r: r is not None and len(r.results) >= 1 and all(t.category and t.type_id for t in r.results),
)
label_type = next((t.type_id for t in (created.results if created else []) if t.label == "Decision maker"), None)
run("definitions.get_all", lambda: definitions.get_all("contacts", "companies"),
    lambda r: r is not None and any(t.type_id == 1 for t in r.results) and any(t.type_id == label_type for t in r.results))
run("definitions.update", lambda: definitions.update("contacts", "companies", PublicAssociationDefinitionUpdateRequest(
    association_type_id=label_type, label="Key decision maker")), lambda r: r is None)
run("definitions.get_all (after update)", lambda: definitions.get_all("contacts", "companies"),
    lambda r: r is not None and any(t.label == "Key decision maker" for t in r.results))

# Basic API: labeled create, default create, list, delete.
run("basic.create", lambda: basic.create("contacts", "101", "companies", "201", [PRIMARY]),
    lambda r: r is not None and str(r.from_object_id) == "101" and str(r.to_object_id) == "201" and r.labels is not None)
run("basic.create_default", lambda: basic.create_default("contacts", "102", "companies", "202"),
    lambda r: r is not None and len(r.results) >= 1 and r.results[0].association_spec is not None)
run("basic.get_page", lambda: basic.get_page("contacts", "101", "companies", limit=10),
    lambda r: r is not None and any(str(x.to_object_id) == "201" for x in r.results)
    and all(t.category and t.type_id for x in r.results for t in x.association_types))
run("basic.archive", lambda: basic.archive("contacts", "102", "companies", "202"), lambda r: r is None)

# Batch API.
run("batch.create", lambda: batch.create("contacts", "companies", BatchInputPublicAssociationMultiPost(inputs=[
    PublicAssociationMultiPost(_from=PublicObjectId(id="103"), to=PublicObjectId(id="203"), types=[PRIMARY]),
    PublicAssociationMultiPost(_from=PublicObjectId(id="104"), to=PublicObjectId(id="204"), types=[UNLABELED]),
])), lambda r: r is not None and len(r.results) == 2)
run("batch.create_default", lambda: batch.create_default("contacts", "companies", BatchInputPublicDefaultAssociationMultiPost(
    inputs=[PublicDefaultAssociationMultiPost(_from=PublicObjectId(id="105"), to=PublicObjectId(id="205"))])),
    lambda r: r is not None and len(r.results) >= 1)
run("batch.get_page", lambda: batch.get_page("contacts", "companies", BatchInputPublicFetchAssociationsBatchRequest(
    inputs=[PublicFetchAssociationsBatchRequest(id="103"), PublicFetchAssociationsBatchRequest(id="104")])),
    lambda r: r is not None and len(r.results) == 2 and all(x.to for x in r.results))
run("batch.archive_labels", lambda: batch.archive_labels("contacts", "companies", BatchInputPublicAssociationMultiPost(inputs=[
    PublicAssociationMultiPost(_from=PublicObjectId(id="103"), to=PublicObjectId(id="203"), types=[PRIMARY])])),
    lambda r: r is None)
run("batch.archive", lambda: batch.archive("contacts", "companies", BatchInputPublicAssociationMultiArchive(inputs=[
    PublicAssociationMultiArchive(_from=PublicObjectId(id="104"), to=[PublicObjectId(id="204")])])), lambda r: r is None)
run("batch.get_page (no associations left → 207, still parsed)", lambda: batch.get_page(
    "contacts", "companies", BatchInputPublicFetchAssociationsBatchRequest(inputs=[PublicFetchAssociationsBatchRequest(id="104")])),
    lambda r: r is not None and len(r.results) == 0)

# Limit configurations and the usage report.
run("configurations.batch_create", lambda: configurations.batch_create("contacts", "companies",
    BatchInputPublicAssociationDefinitionConfigurationCreateRequest(inputs=[
        PublicAssociationDefinitionConfigurationCreateRequest(category="USER_DEFINED", type_id=label_type, max_to_object_ids=5)])),
    lambda r: r is not None and len(r.results) == 1)
run("configurations.batch_update", lambda: configurations.batch_update("contacts", "companies",
    BatchInputPublicAssociationDefinitionConfigurationUpdateRequest(inputs=[
        PublicAssociationDefinitionConfigurationUpdateRequest(category="USER_DEFINED", type_id=label_type, max_to_object_ids=3)])),
    lambda r: r is not None and len(r.results) == 1)
run("configurations.get_all", lambda: configurations.get_all(), lambda r: r is not None and len(r.results) >= 1)
run("configurations.get_all_between_two_object_types", lambda: configurations.get_all_between_two_object_types(
    "contacts", "companies"), lambda r: r is not None and len(r.results) >= 1)
run("configurations.batch_remove", lambda: configurations.batch_remove("contacts", "companies", BatchInputPublicAssociationSpec(
    inputs=[PublicAssociationSpec(category="USER_DEFINED", type_id=label_type)])), lambda r: r is None)
run("report.request", lambda: report.request(42), lambda r: r is not None and r.user_id == 42)

# Finally remove the label (no association uses it).
run("definitions.remove", lambda: definitions.remove("contacts", "companies", label_type), lambda r: r is None)

sys.exit(finish())
