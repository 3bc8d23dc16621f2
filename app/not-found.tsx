import Link from "next/link";

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is nothing here. The instance or job may not exist.</p>
      <Link href="/instances" className="mt-4 inline-block text-sky-700 underline">Back to the fleet</Link>
    </div>
  );
}
