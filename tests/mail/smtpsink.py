"""smtpsink.py: a tiny SMTP server for tests, on asyncio (Python 3.12
has no smtpd).  Speaks enough of RFC 5321 for one client: EHLO/HELO,
optional AUTH PLAIN, MAIL, RCPT, DATA (undoing dot-stuffing), RSET, NOOP,
QUIT.  Runs in a thread; what it received is in .messages, a list of
dicts {mail_from, rcpt, data (bytes, CRLF kept), auth}.  Set .refuse to
"rcpt" to answer every RCPT with 550, or to "data" to take the message and
then reject it with 554 (it is not kept); .refused counts the refusals."""
import asyncio
import base64
import threading


class Sink:
    def __init__(self, user=None, password=None):
        self.messages = []
        self.refuse = None
        self.refused = 0
        self.user = user
        self.password = password
        self.port = None
        self._ready = threading.Event()
        self._loop = None
        self._server = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self):
        if self._loop:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self):
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(
            self._client, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        self._server.close()
        pending = asyncio.all_tasks(self._loop)
        for t in pending:
            t.cancel()
        self._loop.run_until_complete(asyncio.gather(
            *pending, return_exceptions=True))
        self._loop.close()

    async def _client(self, reader, writer):
        try:
            await self._session(reader, writer)
        except (asyncio.CancelledError, ConnectionError):
            pass        # the sink stopping, or a client hanging up
        writer.close()

    async def _session(self, reader, writer):
        def say(line):
            writer.write(line.encode() + b"\r\n")

        env = {"mail_from": None, "rcpt": [], "auth": None}
        say("220 127.0.0.1 test sink ready")
        await writer.drain()
        while True:
            line = await reader.readline()
            if not line:
                break
            cmd = line.decode("ascii", "replace").rstrip("\r\n")
            verb = cmd.split(" ", 1)[0].upper()
            if verb == "EHLO":
                say("250-127.0.0.1 hello")
                if self.user:
                    say("250-AUTH PLAIN")
                say("250 8BITMIME")
            elif verb == "HELO":
                say("250 127.0.0.1 hello")
            elif verb == "AUTH":
                parts = cmd.split()
                if len(parts) == 2:
                    say("334 ")
                    await writer.drain()
                    blob = (await reader.readline()).strip()
                else:
                    blob = parts[2].encode()
                fields = base64.b64decode(blob).split(b"\0")
                if (len(fields) == 3 and self.user and
                        fields[1].decode() == self.user and
                        fields[2].decode() == self.password):
                    env["auth"] = self.user
                    say("235 2.7.0 authenticated")
                else:
                    say("535 5.7.8 bad credentials")
            elif verb == "MAIL":
                if self.user and env["auth"] is None:
                    say("530 5.7.0 authentication required")
                else:
                    env["mail_from"] = cmd.split(":", 1)[1].strip()
                    env["rcpt"] = []
                    say("250 ok")
            elif verb == "RCPT":
                if self.refuse == "rcpt":
                    self.refused += 1
                    say("550 5.1.1 no such mailbox here")
                else:
                    env["rcpt"].append(cmd.split(":", 1)[1].strip())
                    say("250 ok")
            elif verb == "DATA":
                say("354 end with <CRLF>.<CRLF>")
                await writer.drain()
                data = b""
                while True:
                    ln = await reader.readline()
                    if not ln or ln == b".\r\n":
                        break
                    if ln.startswith(b"."):
                        ln = ln[1:]
                    data += ln
                if self.refuse == "data":
                    self.refused += 1
                    say("554 5.7.1 message refused")
                else:
                    self.messages.append(dict(env, rcpt=list(env["rcpt"]),
                                              data=data))
                    say("250 ok: queued")
            elif verb in ("RSET", "NOOP"):
                say("250 ok")
            elif verb == "QUIT":
                say("221 bye")
                await writer.drain()
                break
            else:
                say("502 not implemented")
            await writer.drain()
