import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

test("a focal point browses the countries and edits their own country's profile", async ({ page }) => {
  await signIn(page, demo.focalPoint("VN"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Countries" }).click();
  await expect(page.getByRole("heading", { name: "Countries" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(11);
  // Focal points of every country; plan progress only for Viet Nam, the country fp.vn may read.
  await expect(page.getByRole("row", { name: /Cambodia/ }).getByRole("link", { name: "Sokha Chenda" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Viet Nam/ }).getByText("Draft")).toBeVisible();
  await expect(
    page.getByText("Plan status and milestone progress appear only for the countries whose plans you may read"),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Viet Nam" }).click();
  await expect(page.getByRole("heading", { name: /Viet Nam/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Nguyen Thi Lan Anh" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tran Quoc Minh" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Edit country profile" }).click();
  await expectAccessible(page);
  const overview = "Viet Nam's national skills standards cover 199 occupations; the VQF was adopted in 2016.";
  await page.getByLabel("Overview").fill(overview);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The country profile has been saved.")).toBeVisible();
  await expect(page.getByText(overview)).toBeVisible();
});

test("a focal point of Cambodia is refused the Viet Nam edit page, even by URL", async ({ page }) => {
  await signIn(page, demo.focalPoint("KH"));
  await page.goto("/countries/vn");
  await expect(page.getByRole("link", { name: "Edit country profile" })).toHaveCount(0);
  const response = await page.goto("/countries/vn/edit");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("You do not have permission to see or do this.")).toBeVisible();
  await expectAccessible(page);

  // A form posted straight to the server is refused too, and changes nothing.
  const post = await page.request.post("/countries/vn/edit", { form: { overview: "Overwritten", nqfName: "x" } });
  expect(post.status()).toBe(403);
  await page.goto("/countries/vn");
  await expect(page.getByText("Overwritten")).toHaveCount(0);

  const unknown = await page.goto("/countries/zz");
  expect(unknown?.status()).toBe(404);
});

test("the people directory finds people by name and filters by role and country", async ({ page }) => {
  await signIn(page, demo.secretariat);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expectAccessible(page);
  await page.getByLabel("Search by name, e-mail or organisation").fill("Sokha");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=Sokha/);
  await expect(page.getByRole("link", { name: "Sokha Chenda" })).toBeVisible();
  await expect(page.getByText("1 person", { exact: true })).toBeVisible();

  await page.goto("/people");
  await page.getByLabel("Role").selectOption("task_force");
  await page.getByLabel("Country").selectOption({ label: "Thailand" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: "Anan Boonmee" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Siriporn Chaiyasit" })).toHaveCount(0);

  await page.getByRole("link", { name: "Anan Boonmee" }).click();
  await expect(page.getByRole("heading", { name: "Anan Boonmee" })).toBeVisible();
  const roles = page.getByRole("region", { name: "Roles" });
  await expect(roles.getByRole("listitem")).toHaveText(/Task-force member · Thailand/);
  await expect(roles.getByRole("link", { name: "Thailand" })).toHaveAttribute("href", "/countries/th");
  await expectAccessible(page);
});

test("an administrator adds an organisation; a duplicate name is refused beside the field", async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto("/organisations");
  await expectAccessible(page);
  await page.getByLabel("Country").selectOption({ label: "Regional or international only" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("link", { name: "Korea Human Resources Development Service" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ministry of Manpower" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add an organisation" }).click();
  await page.getByLabel("Name").fill("Lao National Chamber of Commerce and Industry");
  await page.getByLabel("Acronym").fill("LNCCI");
  await page.getByLabel("Type").selectOption("employers");
  await page.getByLabel("Country").selectOption({ label: "Lao PDR" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The organisation has been saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Lao National Chamber/ })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/organisations/new");
  await page.getByLabel("Name").fill("Lao National Chamber of Commerce and Industry");
  await page.getByLabel("Country").selectOption({ label: "Lao PDR" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("An organisation with this name already exists in this country.")).toBeVisible();
  await expectAccessible(page);
});
