/// The v3 (legacy) associations API's JSON shapes, named after the schemas of HubSpot's v3 spec
/// (`BatchInputPublicAssociation`, `BatchResponsePublicAssociationMulti`, …).
///
/// Request types decode what old clients send (ids as strings, or as JSON integers, which HubSpot
/// coerces); response types encode exactly what the official v3 clients parse.
package enum V3 {}
