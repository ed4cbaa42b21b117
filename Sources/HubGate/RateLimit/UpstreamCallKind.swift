/// What an upstream call does, as far as repeating it is concerned. The pipeline maps each
/// HubSpot operation to one kind; retry decisions depend only on the kind.
package enum UpstreamCallKind: Sendable, Hashable, CaseIterable {
    /// A GET: reading twice changes nothing.
    case read
    /// `POST …/batch/read`: a POST by method, a read by effect.
    case batchRead
    /// A PUT or DELETE that sets or removes a named state (e.g. archiving one association, putting
    /// one labelled association): the second call finds the state already there.
    case idempotentWrite
    /// A create (`batch/create`, `batch/associate/default`, label creation): repeating one whose
    /// first attempt may have landed can duplicate or replace what it made.
    case create
    /// `batch/archive` or `batch/labels/archive`: repeated blindly after an unknown outcome it
    /// may remove what another client has since created.
    case batchArchive

    /// Whether the call may be sent again when its first outcome is unknown.
    package var isSafeToRepeat: Bool {
        switch self {
        case .read, .batchRead, .idempotentWrite: true
        case .create, .batchArchive: false
        }
    }

    /// The kind's name in metrics (`batch_read`).
    package var metricLabel: String {
        switch self {
        case .read: "read"
        case .batchRead: "batch_read"
        case .idempotentWrite: "idempotent_write"
        case .create: "create"
        case .batchArchive: "batch_archive"
        }
    }
}
