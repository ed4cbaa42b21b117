"""Calls every v3 associations API of the official Python client `hubspot-api-client` through HubGate,
which translates them to v4.

Usage: python official_client_v3.py GATEWAY_URL CLIENT_KEY

Legacy v3 clients must work unchanged: every call succeeds, its answer deserializes into the client's
v3 models with client-side validation on, and a write made through v3 is visible through v4.
Prints 'N passed, N failed' and exits non-zero on failure.
"""

import sys

from checks import finish, run
from hubspot import HubSpot
from hubspot.crm.associations import BatchInputPublicAssociation, BatchInputPublicObjectId, PublicAssociation, PublicObjectId
from hubspot.crm.associations.v4 import BatchInputPublicFetchAssociationsBatchRequest, PublicFetchAssociationsBatchRequest

GATEWAY, KEY = sys.argv[1], sys.argv[2]
client = HubSpot(access_token=KEY, host=GATEWAY)
for api in (client.crm.associations.batch_api, client.crm.associations.schema.types_api):
    api.api_client.configuration.client_side_validation = True
batch = client.crm.associations.batch_api
types = client.crm.associations.schema.types_api
v4_batch = client.crm.associations.v4.batch_api


def association(from_id, to_id, type_name):
    return PublicAssociation(_from=PublicObjectId(id=from_id), to=PublicObjectId(id=to_id), type=type_name)


run("types.get_all", lambda: types.get_all("Contacts", "Companies"),
    lambda r: r is not None and any(t.name == "contact_to_company" and t.id == "1" for t in r.results))
run("batch.create", lambda: batch.create("contacts", "companies", BatchInputPublicAssociation(inputs=[
    association("53628", "12726", "contact_to_company"), association("53629", "12727", "contact_to_company_unlabeled")])),
    lambda r: r is not None and len(r.results) == 2 and r.status == "COMPLETE")
run("batch.read", lambda: batch.read("Contacts", "Companies", BatchInputPublicObjectId(inputs=[PublicObjectId(id="53628")])),
    lambda r: r is not None and any(t.type == "contact_to_company" and t.id == "12726" for x in r.results for t in x.to))
run("v4 batch.get_page sees the v3 write", lambda: v4_batch.get_page("contacts", "companies", BatchInputPublicFetchAssociationsBatchRequest(
    inputs=[PublicFetchAssociationsBatchRequest(id="53628")])),
    lambda r: r is not None and any(str(x.to_object_id) == "12726" and any(t.type_id == 1 for t in x.association_types) for res in r.results for x in res.to))
run("batch.archive", lambda: batch.archive("contacts", "companies", BatchInputPublicAssociation(inputs=[
    association("53628", "12726", "contact_to_company")])), lambda r: r is None)
run("batch.read (after archive: primary gone, so no company toward companies)", lambda: batch.read(
    "contacts", "companies", BatchInputPublicObjectId(inputs=[PublicObjectId(id="53628")])),
    lambda r: r is not None and not any(t.type == "contact_to_company" for x in r.results for t in x.to))

sys.exit(finish())
