/// The v4 associations API's JSON shapes, named after the schemas of the seed spec
/// (`shared/spec/hubspot-associations-v4.openapi.yaml`).
///
/// Response types decode both upstream vocabularies: the seed spec's (`associationCategory`,
/// `associationTypeId`, string ids) and real HubSpot's (`category`, `typeId`, numeric ids).
/// Request types encode the form both accept.
package enum V4 {}
