// A throwaway certificate authority and server certificates for loopback
// addresses, so that test instances talk HTTPS (WebFinger acct: look-ups
// always use https). Processes trust it through NODE_EXTRA_CA_CERTS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCa {
  dir: string;
  caFile: string;
  /** Issues a certificate for an IP address; returns the PEM file paths. */
  issue(ip: string): { cert: string; key: string };
}

const openssl = (args: string[], cwd: string) => execFileSync("openssl", args, { cwd, stdio: "pipe" });

export function createTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), "maillage-ca-"));
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Maillage test CA", "-keyout", "ca.key", "-out", "ca.pem"], dir);
  return {
    dir,
    caFile: join(dir, "ca.pem"),
    issue(ip) {
      const name = ip.replaceAll(".", "_");
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName=IP:${ip}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
      openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${ip}`, "-keyout", `${name}.key`, "-out", `${name}.csr`], dir);
      openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.pem`], dir);
      return { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
    },
  };
}
