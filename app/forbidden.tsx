import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">Your role does not allow this page. Ask an admin if you need it.</p>
      <Link href="/instances" className="mt-4 inline-block text-sky-700 underline">Back to the fleet</Link>
    </div>
  );
}
