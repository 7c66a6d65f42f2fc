import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeEnvelope, encodeEnvelope, HEAD_BYTES, stampOf, type PartCodec } from "@/lib/cache/active-campaigns-envelope";

const envelope = { generation: "12345678901234567890", build: "AbCdEfGhIjKlMn-_", value: { campaigns: [{ id: "c1", name: "Tents ✓" }] } };

describe("the stored form of the active set", () => {
  it("round-trips an envelope through the gz1 format", async () => {
    const stored = await encodeEnvelope(envelope);
    expect(stored.startsWith("gz1:12345678901234567890/AbCdEfGhIjKlMn-_:")).toBe(true);
    expect(await decodeEnvelope(stored)).toEqual(envelope);
  });

  it("is plain ASCII (base64 after the head), so it survives Upstash's JSON text unchanged", async () => {
    expect(await encodeEnvelope(envelope)).toMatch(/^gz1:\d+\/[\w-]+:[A-Za-z0-9+/]+=*$/);
  });

  it("stores a repetitive set in a fraction of its JSON size", async () => {
    const value = { campaigns: Array.from({ length: 2_000 }, (_, i) => ({ id: `campaign-${i}`, tier: "STANDARD", countries: ["US", "DE"] })) };
    const stored = await encodeEnvelope({ generation: "1", build: "b", value });
    expect(stored.length).toBeLessThan(JSON.stringify(value).length / 5);
  });

  it("tells the stamp from the first HEAD_BYTES of either format", async () => {
    expect(stampOf((await encodeEnvelope(envelope)).slice(0, HEAD_BYTES))).toBe("12345678901234567890/AbCdEfGhIjKlMn-_");
    expect(stampOf(JSON.stringify(envelope).slice(0, HEAD_BYTES))).toBe("12345678901234567890/AbCdEfGhIjKlMn-_");
    expect(stampOf("")).toBeUndefined();
    expect(stampOf("gz1:nonsense")).toBeUndefined();
  });

  it("reads a gz1 value with characters past ASCII in its JSON", async () => {
    const value = { campaigns: [{ id: "c1", name: "Zürich 🎪 東京" }] };
    const stored = `gz1:3/older:${gzipSync(JSON.stringify(value)).toString("base64")}`;
    expect(await decodeEnvelope(stored)).toEqual({ generation: "3", build: "older", value });
  });

  it("decodes a value larger than zlib's piece size, and one whose gzip trailer misstates the size", async () => {
    const value = { campaigns: Array.from({ length: 20_000 }, (_, i) => ({ id: `campaign-${i}`, note: `n${(i * 7919) % 10_007}` })) };
    const stored = await encodeEnvelope({ generation: "1", build: "b", value });
    expect((await decodeEnvelope(stored))?.value).toEqual(value);
    // The trailer's last four bytes are the uncompressed length: claim 1 byte, and 4 GiB − 1.
    for (const declared of [1, 0xffffffff]) {
      const compressed = gzipSync(JSON.stringify(value));
      compressed.writeUInt32LE(declared, compressed.length - 4);
      // zlib checks the length itself ("incorrect length check"): a damaged value, read as a miss, never as a wrong set.
      expect(await decodeEnvelope(`gz1:1/b:${compressed.toString("base64")}`)).toBeUndefined();
    }
  });

  it("reads the plain-JSON format an older deployment wrote", async () => {
    expect(await decodeEnvelope(JSON.stringify(envelope))).toEqual(envelope);
  });

  it.each([
    ["damaged gzip", "gz1:1/b:bm90IGd6aXA="],
    ["gz1 without a head", "gz1:xyz"],
    ["gzipped JSON null", "gz1:1/b:H4sIAAAAAAAAA8srzckBAE/8yyUEAAAA"],
    ["JSON without an envelope", '{"campaigns":[]}'],
    ["not JSON", "<html>"],
  ])("treats %s as a miss", async (_, raw) => {
    expect(await decodeEnvelope(raw)).toBeUndefined();
  });

  describe("in parts (gzp)", () => {
    // A value whose `items` are kept in parts and read back one by one, counting the reads.
    type Listed = { name: string; items: string[] };
    const reads: number[] = [];
    const codec: PartCodec<Listed> = {
      split: (value) => [{ name: value.name, count: value.items.length }, ...value.items.map((item) => [item])],
      join: (head, parts) => {
        const { name, count } = head as { name: string; count: number };
        return {
          name,
          get items() {
            return Array.from({ length: count }, (_, i) => {
              reads.push(i + 1);
              return (parts.get(i + 1) as string[])[0]!;
            });
          },
        };
      },
    };
    const listed = { generation: "7", build: "parts_-1", value: { name: "Zürich 🎪", items: ["a", "bé", "c"] } };

    it("round-trips, decoding a part only when the value asks for it", async () => {
      const stored = await encodeEnvelope(listed, codec);
      expect(stored).toMatch(/^gzp:7\/parts_-1:[A-Za-z0-9+/=]+(,[A-Za-z0-9+/=]+){3}$/);
      reads.length = 0;
      const decoded = await decodeEnvelope(stored, codec);
      expect(decoded?.value.name).toBe("Zürich 🎪");
      expect(reads).toEqual([]);
      expect(decoded?.value.items).toEqual(["a", "bé", "c"]);
      expect(reads).toEqual([1, 2, 3]);
      expect(await loadedPart(stored, 2)).toEqual(["bé"]);
      expect(stampOf(stored.slice(0, HEAD_BYTES))).toBe("7/parts_-1");
    });

    /** Part `index` as the asynchronous read gives it. */
    async function loadedPart(stored: string, index: number) {
      let part: unknown;
      const spy: PartCodec<unknown> = { split: () => [], join: (_, parts) => ({ load: () => parts.load(index).then((value) => (part = value)) }) };
      await ((await decodeEnvelope(stored, spy))!.value as { load: () => Promise<unknown> }).load();
      return part;
    }

    it("is a miss for a reader without the codec (an older deployment's, or another value's)", async () => {
      expect(await decodeEnvelope(await encodeEnvelope(listed, codec))).toBeUndefined();
    });

    it("is a miss when the first part is damaged; a damaged later part fails when it is read, with a message", async () => {
      const stored = await encodeEnvelope(listed, codec);
      const [head, ...pieces] = stored.slice("gzp:7/parts_-1:".length).split(",");
      expect(await decodeEnvelope(`gzp:7/parts_-1:bm90IGd6aXA=,${pieces.join(",")}`, codec)).toBeUndefined();
      const damaged = (await decodeEnvelope(`gzp:7/parts_-1:${head},${pieces[0]},bm90IGd6aXA=,${pieces[2]}`, codec))!.value;
      expect(damaged.name).toBe("Zürich 🎪");
      expect(() => damaged.items).toThrow();
      const short = (await decodeEnvelope(`gzp:7/parts_-1:${head},${pieces[0]}`, codec))!.value;
      expect(() => short.items).toThrow("The shared copy has no part 2 (it has 2).");
    });

    it("reads the gz1 format with a codec too (a copy written before parts)", async () => {
      const plain = { generation: "1", build: "b", value: { name: "n", items: ["x"] } };
      expect(await decodeEnvelope(await encodeEnvelope(plain), codec)).toEqual(plain);
    });
  });
});
