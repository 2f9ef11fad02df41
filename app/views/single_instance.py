"""One window per profile: a second start brings the running window to the front (issue 15 §1).

:func:`claim` takes the :class:`~app.services.instance.WindowLock` of the data folder. When another
window holds it, the new process sends ``raise`` to that window's local server
(``QLocalServer``/``QLocalSocket``, named after the data folder) and returns None, and the caller
ends. The window that holds the lock listens with a :class:`SingleInstance` whose ``raiseRequested``
signal brings it to the front.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.services.instance import WindowLock

WAIT_MS = 2000


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return f"seller-console-{digest}"


class SingleInstance(QObject):
    """The running window's lock and its local server."""

    raiseRequested = Signal()

    def __init__(self, data_dir: Path, lock: WindowLock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self._server = QLocalServer(self)
        self._sockets: list[QLocalSocket] = []
        name = server_name(data_dir)
        QLocalServer.removeServer(name)  # a server left by a killed window (we hold the lock)
        self._server.listen(name)
        self._server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(self._read)

    def _read(self) -> None:
        for socket in list(self._sockets):
            if socket.bytesAvailable() and b"raise" in bytes(socket.readAll().data()):
                self._sockets.remove(socket)
                socket.readyRead.disconnect(self._read)
                socket.deleteLater()
                self.raiseRequested.emit()

    def close(self) -> None:
        self._server.close()
        self.lock.release()


def claim(data_dir: Path, parent: QObject | None = None) -> SingleInstance | None:
    """This process's claim to be the window of ``data_dir``; None (after asking the running
    window to come to the front) when another window holds it."""
    lock = WindowLock(data_dir)
    if lock.acquire():
        return SingleInstance(data_dir, lock, parent)
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if socket.waitForConnected(WAIT_MS):
        socket.write(b"raise\n")
        socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(WAIT_MS)
    return None
