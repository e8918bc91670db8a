"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button, type ButtonProps } from "./button";

/** Copies `value` to the clipboard and says so for a moment, visibly and to screen readers. */
export function CopyButton({ value, label = "Copy", ...props }: Omit<ButtonProps, "onClick" | "children"> & { value: string; label?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      // Clipboard access can be refused (e.g. insecure origin); the value is still selectable by hand.
      setStatus("failed");
    }
    setTimeout(() => setStatus("idle"), 2000);
  }

  return (
    <>
      <Button variant="secondary" onClick={copy} {...props}>
        {status === "copied" ? <Check aria-hidden className="text-green-600" /> : <Copy aria-hidden />}
        {status === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {status === "copied" ? "Copied to clipboard" : status === "failed" ? "Could not copy; select the text and copy it by hand" : ""}
      </span>
    </>
  );
}
