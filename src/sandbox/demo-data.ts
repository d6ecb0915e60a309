/**
 * What a fresh sandbox holds: three users and a handful of records in several modules. The two Leads of the
 * Delete Records page's sample request (410405000002264040 and 410405000002264025) are here, so the page's
 * sample runs as shown and gets the page's sample response; the owner ids and fields are the ones the examples
 * in `examples/` read (Email, Company, Stage, Closing_Date, Contact_Email, Notes, Tags).
 */
import type { SandboxData } from './store.js';

/** The admin user every startup token belongs to. */
export const DEFAULT_USER_ID = '4104050000000235001';

const T0 = '2025-01-06T09:15:00+00:00';
const T1 = '2025-02-10T14:30:00+00:00';

const ZYLKER = { name: 'Zylker Inc', id: '410405000002265001' };
const CHAPMAN = { name: 'Chapman', id: '410405000002265014' };
const SAMPLE_TAG = { name: 'Docs sample', id: '410405000002268001', color_code: '#1DB9B4' };
const VIP_TAG = { name: 'VIP', id: '410405000002268002', color_code: '#F17574' };

export function demoData(): SandboxData {
  return {
    version: 1,
    modules: [],
    users: [
      { id: DEFAULT_USER_ID, name: 'Patricia Boyle', email: 'p.boyle@zylker.com', role: 'admin', canDelete: {} },
      { id: '4104050000000235011', name: 'Amit Rao', email: 'amit.rao@zylker.com', role: 'standard', canDelete: {} },
      { id: '4104050000000235023', name: 'Hannah Schmidt', email: 'hannah.schmidt@zylker.com', role: 'standard', canDelete: {} },
    ],
    records: {
      Leads: [
        {
          id: '410405000002264040',
          fields: {
            First_Name: 'Christopher', Last_Name: 'Maclead (Sample)', Company: 'Chapman', Designation: 'VP Accounting',
            Email: 'christopher-maclead@noemail.invalid', Phone: '555-555-5555', Lead_Source: 'Advertisement',
            Lead_Status: 'Contacted', Industry: 'Large Enterprise', Country: 'United States', No_of_Employees: 350,
            Annual_Revenue: 850000, Rating: 'Warm', Tag: [SAMPLE_TAG],
          },
          createdAt: T0,
        },
        {
          id: '410405000002264025',
          fields: {
            First_Name: 'Carissa', Last_Name: 'Kidman (Sample)', Company: 'Oh My Goodknits Inc', Designation: 'Owner',
            Email: 'carissa-kidman@noemail.invalid', Phone: '555-555-5555', Lead_Source: 'Trade Show',
            Lead_Status: 'Not Contacted', Industry: 'Retail', Country: 'Germany', No_of_Employees: 12,
            Annual_Revenue: 120000, Rating: 'Cold', Tag: [SAMPLE_TAG],
          },
          createdAt: T0,
        },
        {
          id: '410405000002264052',
          fields: {
            First_Name: 'Felix', Last_Name: 'Hirpara', Company: 'Zylker Inc', Email: 'felix.hirpara@zylker.com',
            Mobile: '+44 20 7946 0018', Lead_Source: 'Web Download', Lead_Status: 'Attempted to Contact',
            Country: 'United Kingdom', No_of_Employees: 640, Rating: 'Hot', Tag: [VIP_TAG],
          },
          owner: '4104050000000235023',
          createdAt: T1,
        },
        {
          id: '410405000002264063',
          fields: {
            First_Name: 'Felix', Last_Name: 'Hirpara', Company: 'Zylker', Email: 'felix.hirpara@zylker.com',
            Lead_Source: 'Chat', Lead_Status: 'Not Contacted', Country: 'United Kingdom',
          },
          owner: '4104050000000235023',
          createdAt: T1,
        },
        {
          id: '410405000002264077',
          fields: {
            First_Name: 'Sunita', Last_Name: 'Iyer', Company: 'Chennai Textiles', Email: 'sunita@chennaitextiles.example',
            Phone: '+91 44 2345 6789', Lead_Source: 'Cold Call', Lead_Status: 'Junk Lead', Country: 'India', No_of_Employees: 45,
          },
          owner: '4104050000000235011',
          createdAt: T0,
        },
      ],
      Accounts: [
        {
          id: ZYLKER.id,
          fields: {
            Account_Name: ZYLKER.name, Website: 'www.zylker.com', Phone: '+1 512 555 0100', Industry: 'Technology',
            Employees: 640, Annual_Revenue: 12500000, Billing_City: 'Austin', Billing_Country: 'United States',
            Account_Type: 'Customer', Tag: [VIP_TAG],
          },
          createdAt: T0,
        },
        {
          id: CHAPMAN.id,
          fields: {
            Account_Name: CHAPMAN.name, Website: 'www.chapman.example', Phone: '555-555-5555', Industry: 'Finance',
            Employees: 350, Billing_City: 'Chicago', Billing_Country: 'United States', Account_Type: 'Prospect',
          },
          createdAt: T0,
        },
      ],
      Contacts: [
        {
          id: '410405000002266001',
          fields: {
            First_Name: 'Lucas', Last_Name: 'Moreau', Email: 'lucas.moreau@zylker.com', Phone: '+1 512 555 0142',
            Title: 'Head of Procurement', Account_Name: ZYLKER, Mailing_City: 'Austin', Mailing_Country: 'United States',
            Lead_Source: 'Partner',
          },
          createdAt: T0,
        },
        {
          id: '410405000002266015',
          fields: {
            First_Name: 'Grace', Last_Name: 'Okafor', Email: 'grace.okafor@chapman.example', Phone: '555-555-0199',
            Title: 'CFO', Account_Name: CHAPMAN, Mailing_City: 'Chicago', Mailing_Country: 'United States',
          },
          owner: '4104050000000235011',
          createdAt: T1,
        },
      ],
      Deals: [
        {
          id: '410405000002267001',
          fields: {
            Deal_Name: 'Zylker - 200 licences', Stage: 'Negotiation/Review', Amount: 48000, Probability: 75,
            Closing_Date: '2025-03-31', Account_Name: ZYLKER, Contact_Name: { name: 'Lucas Moreau', id: '410405000002266001' },
            Contact_Email: 'lucas.moreau@zylker.com', Contact_First_Name: 'Lucas', Contact_Last_Name: 'Moreau',
            Contact_Phone: '+1 512 555 0142', Type: 'New Business', Lead_Source: 'Partner',
          },
          createdAt: T0,
        },
        {
          id: '410405000002267012',
          fields: {
            Deal_Name: 'Chapman - advisory retainer', Stage: 'Qualification', Amount: 15500, Probability: 10,
            Closing_Date: '2025-05-15', Account_Name: CHAPMAN, Contact_Email: 'grace.okafor@chapman.example',
            Contact_First_Name: 'Grace', Contact_Last_Name: 'Okafor', Type: 'Existing Business',
          },
          owner: '4104050000000235011',
          createdAt: T1,
        },
      ],
      Tasks: [
        {
          id: '410405000002269001',
          fields: {
            Subject: 'Call Christopher about the renewal', Due_Date: '2025-02-12', Status: 'Not Started', Priority: 'High',
            What_Id: { name: 'Christopher Maclead (Sample)', id: '410405000002264040' }, $se_module: 'Leads',
          },
          createdAt: T1,
        },
      ],
      Products: [
        {
          id: '410405000002270001',
          fields: { Product_Name: 'Zylker CRM licence', Product_Code: 'ZY-CRM-01', Unit_Price: 240, Product_Active: true, Product_Category: 'Software' },
          createdAt: T0,
        },
      ],
      Notes: [
        {
          id: '410405000002271001',
          fields: {
            Note_Title: 'Budget', Note_Content: 'Budget approved for Q2; decision by the end of March.',
            Parent_Id: { name: 'Christopher Maclead (Sample)', id: '410405000002264040' }, $se_module: 'Leads',
          },
          createdAt: T1,
        },
        {
          id: '410405000002271012',
          fields: {
            Note_Title: 'Pricing', Note_Content: 'Asked for a 10% volume discount on 200 licences.',
            Parent_Id: { name: 'Zylker - 200 licences', id: '410405000002267001' }, $se_module: 'Deals',
          },
          createdAt: T1,
        },
      ],
    },
    workflowLog: [],
  };
}
