import HubSpotModel

/// A request path recognised as one operation, with its validated parameters.
package struct ClassifiedRoute: Sendable, Equatable {
    /// The operation the path and method name.
    package let operation: GatewayOperation
    /// The source object type, when the path has one.
    package let fromObjectType: ObjectType?
    /// The target object type, when the path has one.
    package let toObjectType: ObjectType?

    /// Creates a classified route.
    package init(operation: GatewayOperation, fromObjectType: ObjectType? = nil, toObjectType: ObjectType? = nil) {
        self.operation = operation
        self.fromObjectType = fromObjectType
        self.toObjectType = toObjectType
    }
}
