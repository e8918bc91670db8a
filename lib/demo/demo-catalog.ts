/**
 * Constant vocabularies for the demo data generator. They are sent to the database as
 * one bound JSON parameter per statement; the rows themselves are built in SQL.
 */

type Location = { country: string; region: string; city: string; timezone: string; weight: number; names: string };

// Weights are per mille of customers; a country's cities share its weight.
const locations: Location[] = [
  // United States (350)
  { country: "US", region: "California", city: "San Francisco", timezone: "America/Los_Angeles", weight: 45, names: "en" },
  { country: "US", region: "California", city: "Los Angeles", timezone: "America/Los_Angeles", weight: 50, names: "en" },
  { country: "US", region: "New York", city: "New York", timezone: "America/New_York", weight: 70, names: "en" },
  { country: "US", region: "Texas", city: "Austin", timezone: "America/Chicago", weight: 25, names: "en" },
  { country: "US", region: "Texas", city: "Houston", timezone: "America/Chicago", weight: 25, names: "en" },
  { country: "US", region: "Illinois", city: "Chicago", timezone: "America/Chicago", weight: 35, names: "en" },
  { country: "US", region: "Washington", city: "Seattle", timezone: "America/Los_Angeles", weight: 25, names: "en" },
  { country: "US", region: "Massachusetts", city: "Boston", timezone: "America/New_York", weight: 25, names: "en" },
  { country: "US", region: "Florida", city: "Miami", timezone: "America/New_York", weight: 25, names: "en" },
  { country: "US", region: "Colorado", city: "Denver", timezone: "America/Denver", weight: 15, names: "en" },
  { country: "US", region: "Georgia", city: "Atlanta", timezone: "America/New_York", weight: 10, names: "en" },
  // United Kingdom (120)
  { country: "GB", region: "England", city: "London", timezone: "Europe/London", weight: 70, names: "en" },
  { country: "GB", region: "England", city: "Manchester", timezone: "Europe/London", weight: 20, names: "en" },
  { country: "GB", region: "England", city: "Bristol", timezone: "Europe/London", weight: 10, names: "en" },
  { country: "GB", region: "Scotland", city: "Edinburgh", timezone: "Europe/London", weight: 12, names: "en" },
  { country: "GB", region: "Wales", city: "Cardiff", timezone: "Europe/London", weight: 8, names: "en" },
  // Germany (90)
  { country: "DE", region: "Berlin", city: "Berlin", timezone: "Europe/Berlin", weight: 35, names: "de" },
  { country: "DE", region: "Bavaria", city: "Munich", timezone: "Europe/Berlin", weight: 25, names: "de" },
  { country: "DE", region: "Hamburg", city: "Hamburg", timezone: "Europe/Berlin", weight: 15, names: "de" },
  { country: "DE", region: "North Rhine-Westphalia", city: "Cologne", timezone: "Europe/Berlin", weight: 15, names: "de" },
  // France (70)
  { country: "FR", region: "Île-de-France", city: "Paris", timezone: "Europe/Paris", weight: 45, names: "fr" },
  { country: "FR", region: "Auvergne-Rhône-Alpes", city: "Lyon", timezone: "Europe/Paris", weight: 15, names: "fr" },
  { country: "FR", region: "Provence-Alpes-Côte d'Azur", city: "Marseille", timezone: "Europe/Paris", weight: 10, names: "fr" },
  // Canada (60)
  { country: "CA", region: "Ontario", city: "Toronto", timezone: "America/Toronto", weight: 30, names: "en" },
  { country: "CA", region: "British Columbia", city: "Vancouver", timezone: "America/Vancouver", weight: 18, names: "en" },
  { country: "CA", region: "Quebec", city: "Montreal", timezone: "America/Toronto", weight: 12, names: "fr" },
  // India (50)
  { country: "IN", region: "Maharashtra", city: "Mumbai", timezone: "Asia/Kolkata", weight: 20, names: "in" },
  { country: "IN", region: "Karnataka", city: "Bengaluru", timezone: "Asia/Kolkata", weight: 20, names: "in" },
  { country: "IN", region: "Delhi", city: "New Delhi", timezone: "Asia/Kolkata", weight: 10, names: "in" },
  // Netherlands (40)
  { country: "NL", region: "North Holland", city: "Amsterdam", timezone: "Europe/Amsterdam", weight: 25, names: "nl" },
  { country: "NL", region: "South Holland", city: "Rotterdam", timezone: "Europe/Amsterdam", weight: 10, names: "nl" },
  { country: "NL", region: "Utrecht", city: "Utrecht", timezone: "Europe/Amsterdam", weight: 5, names: "nl" },
  // Spain (40)
  { country: "ES", region: "Community of Madrid", city: "Madrid", timezone: "Europe/Madrid", weight: 20, names: "es" },
  { country: "ES", region: "Catalonia", city: "Barcelona", timezone: "Europe/Madrid", weight: 15, names: "es" },
  { country: "ES", region: "Valencian Community", city: "Valencia", timezone: "Europe/Madrid", weight: 5, names: "es" },
  // Australia (40)
  { country: "AU", region: "New South Wales", city: "Sydney", timezone: "Australia/Sydney", weight: 20, names: "en" },
  { country: "AU", region: "Victoria", city: "Melbourne", timezone: "Australia/Melbourne", weight: 15, names: "en" },
  { country: "AU", region: "Queensland", city: "Brisbane", timezone: "Australia/Brisbane", weight: 5, names: "en" },
  // Brazil (40)
  { country: "BR", region: "São Paulo", city: "São Paulo", timezone: "America/Sao_Paulo", weight: 28, names: "pt" },
  { country: "BR", region: "Rio de Janeiro", city: "Rio de Janeiro", timezone: "America/Sao_Paulo", weight: 12, names: "pt" },
  // Japan (30)
  { country: "JP", region: "Tokyo", city: "Tokyo", timezone: "Asia/Tokyo", weight: 22, names: "ja" },
  { country: "JP", region: "Osaka", city: "Osaka", timezone: "Asia/Tokyo", weight: 8, names: "ja" },
  // Sweden (20)
  { country: "SE", region: "Stockholm County", city: "Stockholm", timezone: "Europe/Stockholm", weight: 14, names: "sv" },
  { country: "SE", region: "Västra Götaland", city: "Gothenburg", timezone: "Europe/Stockholm", weight: 6, names: "sv" },
  // Italy (20), Ireland (15), Mexico (15)
  { country: "IT", region: "Lombardy", city: "Milan", timezone: "Europe/Rome", weight: 12, names: "it" },
  { country: "IT", region: "Lazio", city: "Rome", timezone: "Europe/Rome", weight: 8, names: "it" },
  { country: "IE", region: "Leinster", city: "Dublin", timezone: "Europe/Dublin", weight: 15, names: "en" },
  { country: "MX", region: "Mexico City", city: "Mexico City", timezone: "America/Mexico_City", weight: 15, names: "es" },
];

// Display names; the generator also gets an ASCII form of each for email addresses.
const names: Record<string, { first: string[]; last: string[] }> = {
  en: {
    first: ["James", "Olivia", "Liam", "Emma", "Noah", "Ava", "William", "Sophia", "Benjamin", "Isabella", "Lucas", "Mia", "Henry", "Charlotte", "Alexander", "Amelia", "Daniel", "Harper", "Michael", "Evelyn", "Ethan", "Abigail", "Jack", "Emily", "Samuel", "Grace", "Ryan", "Chloe", "Nathan", "Zoë", "Aisha", "Priya", "Wei", "Carlos", "Maya", "Omar"],
    last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "O'Brien", "Murphy", "Patel", "Nguyen", "Chen"],
  },
  de: {
    first: ["Lukas", "Anna", "Leon", "Lena", "Felix", "Marie", "Jonas", "Sophie", "Paul", "Laura", "Maximilian", "Lea", "Finn", "Hannah", "Tim", "Julia", "Jan", "Katharina", "Moritz", "Jürgen", "Sören", "Mia"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger"],
  },
  fr: {
    first: ["Louis", "Camille", "Gabriel", "Léa", "Hugo", "Manon", "Arthur", "Chloé", "Jules", "Inès", "Raphaël", "Sarah", "Adam", "Jade", "Lucas", "Louise", "Théo", "Zoé", "Nathan", "Élodie", "François", "Margaux"],
    last: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Girard", "Bonnet"],
  },
  nl: {
    first: ["Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Levi", "Sophie", "Finn", "Anna", "Milan", "Fenna", "Jesse", "Sara", "Thijs", "Lotte", "Bram", "Noor", "Ruben", "Eva"],
    last: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer"],
  },
  es: {
    first: ["Hugo", "Lucía", "Martín", "Sofía", "Daniel", "Martina", "Pablo", "María", "Alejandro", "Paula", "Álvaro", "Julia", "Diego", "Valeria", "Mateo", "Carmen", "Javier", "Elena", "Sergio", "Ana", "José", "Laura"],
    last: ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres"],
  },
  pt: {
    first: ["Miguel", "Helena", "Arthur", "Alice", "Gael", "Laura", "Heitor", "Valentina", "Theo", "Manuela", "Davi", "Júlia", "Gabriel", "Sophia", "Bernardo", "Isabela", "João", "Beatriz", "Pedro", "Ana"],
    last: ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa"],
  },
  sv: {
    first: ["William", "Alice", "Liam", "Maja", "Noah", "Elsa", "Hugo", "Astrid", "Oscar", "Saga", "Lucas", "Ebba", "Elias", "Wilma", "Axel", "Freja", "Erik", "Åsa", "Björn", "Linnéa"],
    last: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Lindqvist", "Åberg", "Sjöberg", "Ström"],
  },
  ja: {
    first: ["Haruto", "Yui", "Sota", "Hina", "Yuto", "Mei", "Riku", "Sakura", "Kaito", "Aoi", "Ren", "Yuna", "Takumi", "Rin", "Hiroshi", "Yuki", "Kenji", "Emi", "Daiki", "Naomi"],
    last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Mori"],
  },
  in: {
    first: ["Aarav", "Ananya", "Vivaan", "Diya", "Aditya", "Isha", "Arjun", "Saanvi", "Rohan", "Priya", "Kabir", "Kavya", "Vikram", "Neha", "Rahul", "Pooja", "Sanjay", "Meera", "Arnav", "Riya"],
    last: ["Sharma", "Verma", "Gupta", "Patel", "Singh", "Kumar", "Reddy", "Iyer", "Nair", "Rao", "Mehta", "Joshi", "Shah", "Desai", "Kapoor", "Malhotra", "Chopra", "Bose", "Das", "Pillai"],
  },
  it: {
    first: ["Leonardo", "Sofia", "Francesco", "Giulia", "Alessandro", "Aurora", "Lorenzo", "Alice", "Mattia", "Ginevra", "Andrea", "Emma", "Gabriele", "Giorgia", "Riccardo", "Beatrice", "Niccolò", "Chiara", "Marco", "Elena"],
    last: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti"],
  },
};

const companyPrefixes = ["Acme", "Northwind", "Blue Harbor", "Brightline", "Summit", "Evergreen", "Redwood", "Ironclad", "Silverleaf", "Cobalt", "Lumina", "Nimbus", "Quartz", "Pioneer", "Harbor", "Atlas", "Beacon", "Cascade", "Falcon", "Granite", "Horizon", "Juniper", "Keystone", "Meridian", "Orchid", "Polaris", "Riverstone", "Sequoia", "Tidewater", "Vertex"];
const companySuffixes = ["Labs", "Analytics", "Studio", "Group", "Systems", "Health", "Foods", "Logistics", "Media", "Software", "Partners", "Retail", "Outdoors", "Energy", "Apparel", "Finance", "Travel", "Games", "Robotics", "Design"];
const emailDomains = ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me", "aol.com", "gmx.de", "orange.fr", "web.de"];

const pages = [
  { path: "/", title: "Home" },
  { path: "/pricing", title: "Pricing" },
  { path: "/features", title: "Features" },
  { path: "/blog", title: "Blog" },
  { path: "/blog/summer-collection-is-here", title: "Our summer collection is here" },
  { path: "/blog/how-we-source-our-coffee", title: "How we source our coffee" },
  { path: "/products", title: "All products" },
  { path: "/products/trail-running-shoes", title: "Trail running shoes" },
  { path: "/products/merino-hoodie", title: "Merino hoodie" },
  { path: "/cart", title: "Your cart" },
  { path: "/account", title: "Your account" },
  { path: "/help/shipping", title: "Shipping and returns" },
  { path: "/about", title: "About us" },
  { path: "/contact", title: "Contact" },
];

const referrers = ["", "", "", "https://www.google.com/", "https://www.google.com/", "https://www.bing.com/", "https://www.instagram.com/", "https://www.facebook.com/", "https://t.co/", "https://news.ycombinator.com/", "https://www.linkedin.com/"];

const products = [
  { id: "prod_001", name: "Trail Running Shoes", category: "Footwear", price: 129 },
  { id: "prod_002", name: "Merino Hoodie", category: "Apparel", price: 89 },
  { id: "prod_003", name: "Everyday Backpack", category: "Bags", price: 74.5 },
  { id: "prod_004", name: "Insulated Water Bottle", category: "Accessories", price: 24.99 },
  { id: "prod_005", name: "Rain Shell Jacket", category: "Apparel", price: 189 },
  { id: "prod_006", name: "Wool Socks (3-pack)", category: "Apparel", price: 19.99 },
  { id: "prod_007", name: "Ultralight Tent", category: "Camping", price: 399 },
  { id: "prod_008", name: "Down Sleeping Bag", category: "Camping", price: 279 },
  { id: "prod_009", name: "Single-Origin Coffee, 1 kg", category: "Food", price: 32 },
  { id: "prod_010", name: "Headlamp", category: "Accessories", price: 39 },
  { id: "prod_011", name: "Yoga Mat", category: "Fitness", price: 58 },
  { id: "prod_012", name: "Running Shorts", category: "Apparel", price: 45 },
  { id: "prod_013", name: "Leather Wallet", category: "Accessories", price: 65 },
  { id: "prod_014", name: "Gift Card", category: "Gift cards", price: 50 },
  { id: "prod_015", name: "Hiking Boots", category: "Footwear", price: 219 },
  { id: "prod_016", name: "Sunglasses", category: "Accessories", price: 95 },
];

const campaigns = [
  { campaign: "welcome_series", subject: "Welcome! Here is 10% off your first order", url: "/products" },
  { campaign: "weekly_newsletter", subject: "This week: new arrivals and trail stories", url: "/blog" },
  { campaign: "summer_sale", subject: "Summer sale: up to 40% off", url: "/products?sale=summer" },
  { campaign: "abandoned_cart", subject: "You left something in your cart", url: "/cart" },
  { campaign: "win_back", subject: "We miss you — here is free shipping", url: "/" },
  { campaign: "product_launch", subject: "Meet the new Ultralight Tent", url: "/products/ultralight-tent" },
  { campaign: "loyalty_rewards", subject: "You have rewards waiting", url: "/account" },
];

const currencies: Record<string, string> = { GB: "GBP", DE: "EUR", FR: "EUR", NL: "EUR", ES: "EUR", IT: "EUR", IE: "EUR", CA: "CAD", AU: "AUD", SE: "SEK" };

/** Letters only, no accents: the form of a name used in an email address. */
export function asciiSlug(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

let cumulative = 0;
const locationRanges = locations.map((l) => {
  const lo = cumulative;
  cumulative += l.weight;
  return { lo, hi: cumulative, country: l.country, region: l.region, city: l.city, timezone: l.timezone, pool: l.names };
});

/** Sum of location weights: a location is picked by an integer in [0, LOCATION_TOTAL). */
export const LOCATION_TOTAL = cumulative;

const namePools = Object.fromEntries(
  Object.entries(names).map(([key, pool]) => [
    key,
    { first: pool.first, last: pool.last, firstAscii: pool.first.map(asciiSlug), lastAscii: pool.last.map(asciiSlug) },
  ]),
);

/** Everything the customer statement needs, as one JSON document (a bound parameter). */
export const customerCatalogJson = JSON.stringify({
  locations: locationRanges,
  names: namePools,
  companyPrefixes,
  companySuffixes,
  emailDomains,
});

/** Everything the event statement needs, as one JSON document (a bound parameter). */
export const eventCatalogJson = JSON.stringify({ pages, referrers, products, campaigns, currencies });

/** The site the demo events happen on. */
export const DEMO_SITE_URL = "https://shop.example.com";
