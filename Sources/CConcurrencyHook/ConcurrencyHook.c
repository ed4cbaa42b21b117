#include "CConcurrencyHook.h"

#include <stdatomic.h>
#include <stddef.h>

// Defined by the Swift concurrency runtime as a pointer to a swiftcc function; only its address and
// pointer size matter here.
extern void *_Atomic swift_task_enqueueGlobal_hook;

bool hubgate_install_enqueue_global_hook(void *hook) {
    void *expected = NULL;
    return atomic_compare_exchange_strong(&swift_task_enqueueGlobal_hook, &expected, hook);
}
