// The floor of bench:public: bare node:http writing the given file's bytes to every request, no
// framework, no middleware, no log — in its own process, as the API is.
//   bare-server.ts <file> <port>
import fs from "node:fs";
import http from "node:http";

const bytes = fs.readFileSync(process.argv[2]!);
const server = http.createServer((_req, res) => {
  res.writeHead(200, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": bytes.length,
  });
  res.end(bytes);
});
server.listen(Number(process.argv[3] ?? 0), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
