import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Nav } from "@/components/nav";
import { Providers } from "@/components/providers";
import { optionalPageActor } from "@/lib/next/require-page-actor";
import "./globals.css";

export const metadata: Metadata = { title: "Managed Instances" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await optionalPageActor();
  return (
    <html lang="en">
      <body>
        <Nav actor={actor} />
        <Providers>
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
