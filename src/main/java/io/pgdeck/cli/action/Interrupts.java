package io.pgdeck.cli.action;

/**
 * Where a running action's Ctrl+C handling is registered: the JVM's shutdown hooks, or a test's
 * hand that runs the hook as Ctrl+C would.
 */
public interface Interrupts {

    void onInterrupt(Thread hook);

    void forget(Thread hook);

    Interrupts SHUTDOWN_HOOKS = new Interrupts() {
        @Override
        public void onInterrupt(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void forget(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C came as the action ended: the hook is running and finds it done
            }
        }
    };
}
