import { Search } from "lucide-react";
import { Button } from "./button";
import { Input } from "./input";

/** The search box in a table card's header: a GET form to `action`, so the search is in the URL. */
export function TableSearchForm({ action, id, label, placeholder, defaultValue, maxLength }: { action: string; id: string; label: string; placeholder: string; defaultValue: string; maxLength: number }) {
  return (
    <form role="search" action={action} method="get" className="flex w-full gap-2 sm:w-auto">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="relative flex-1 sm:w-72">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400" />
        <Input id={id} name="q" type="search" defaultValue={defaultValue} maxLength={maxLength} placeholder={placeholder} className="pl-9" />
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
