#ifndef HUBGATE_CCONCURRENCYHOOK_H
#define HUBGATE_CCONCURRENCYHOOK_H

#include <stdbool.h>

/// Sets the Swift runtime's global-enqueue hook (`swift_task_enqueueGlobal_hook`) to `hook`, only
/// if no hook is set yet; returns whether it was set.
///
/// Linked to the hook directly rather than looked up with `dlsym`: in a binary built with
/// `--static-swift-stdlib` the runtime is linked in and the hook is not in the dynamic symbol table.
bool hubgate_install_enqueue_global_hook(void *hook);

#endif
