import NIOPosix
import PDF

/// The thread PDFs are drawn on, apart from `NIOThreadPool.singleton`, where logins and password
/// changes hash passwords. A meeting list of a few hundred pages takes seconds to draw; on the shared
/// pool (one thread per core, two here) two of them left every login waiting behind them — a
/// signed-in user's print job must never keep the others from signing in. One thread: prints queue
/// behind each other, which is what a shared office printer would do too.
enum RenderingThreadPool {
    static let shared: NIOThreadPool = {
        // Once, before the pool's thread draws anything (fontconfig, Cairo's stream switch).
        PDFRenderer.prepareNativeStack()
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()
}
