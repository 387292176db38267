-- Version 1 of the threat, risk and harm scoring model, in force from the start. Forces adapt it
-- to their own MoRiLE guidance by adding a new version through the API and activating it (see
-- docs/scoring-model.md). The definition equals defaultModelDefinition in
-- src/features/scoring/model.ts; a unit test holds the two equal.
INSERT INTO scoring_models (version, name, status, definition, notes) VALUES (
  1,
  'Default MoRiLE-style model',
  'active',
  '{
  "dimensions": [
    {
      "key": "physical",
      "label": "Physical harm",
      "group": "harm",
      "description": "Violence, injury and death caused by the group, including the use of weapons.",
      "weight": 2,
      "scale": [
        {
          "value": 0,
          "label": "None",
          "description": "No physical harm known."
        },
        {
          "value": 1,
          "label": "Low",
          "description": "Threats of violence or minor injury."
        },
        {
          "value": 2,
          "label": "Moderate",
          "description": "Assaults causing injury; weapons carried."
        },
        {
          "value": 3,
          "label": "Substantial",
          "description": "Serious injury; knives or firearms used."
        },
        {
          "value": 4,
          "label": "Critical",
          "description": "Loss of life or life-changing injury; firearms discharged."
        }
      ]
    },
    {
      "key": "psychological",
      "label": "Psychological harm",
      "group": "harm",
      "description": "Fear, distress and trauma caused to victims, witnesses and families.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "None",
          "description": "No psychological harm known."
        },
        {
          "value": 1,
          "label": "Low",
          "description": "Short-lived distress."
        },
        {
          "value": 2,
          "label": "Moderate",
          "description": "Fear and intimidation of victims or witnesses."
        },
        {
          "value": 3,
          "label": "Substantial",
          "description": "Lasting trauma; coercive control."
        },
        {
          "value": 4,
          "label": "Critical",
          "description": "Severe lasting trauma, such as from sexual exploitation or slavery."
        }
      ]
    },
    {
      "key": "financial",
      "label": "Financial harm",
      "group": "harm",
      "description": "Money lost by victims, businesses and the public purse.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "None",
          "description": "No financial loss known."
        },
        {
          "value": 1,
          "label": "Low",
          "description": "Losses under £10,000 in total."
        },
        {
          "value": 2,
          "label": "Moderate",
          "description": "Losses of £10,000 to £100,000."
        },
        {
          "value": 3,
          "label": "Substantial",
          "description": "Losses of £100,000 to £1 million."
        },
        {
          "value": 4,
          "label": "Critical",
          "description": "Losses over £1 million, or losses that ruin victims or businesses."
        }
      ]
    },
    {
      "key": "community",
      "label": "Community harm",
      "group": "harm",
      "description": "Damage to neighbourhoods, community confidence and public institutions.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "None",
          "description": "No community harm known."
        },
        {
          "value": 1,
          "label": "Low",
          "description": "Localised nuisance."
        },
        {
          "value": 2,
          "label": "Moderate",
          "description": "Open dealing, antisocial behaviour or fear in a neighbourhood."
        },
        {
          "value": 3,
          "label": "Substantial",
          "description": "Control of an area or intimidation of a community."
        },
        {
          "value": 4,
          "label": "Critical",
          "description": "Community cohesion broken or public institutions corrupted."
        }
      ]
    },
    {
      "key": "environmental",
      "label": "Environmental harm",
      "group": "harm",
      "description": "Pollution and damage to land, water and wildlife.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "None",
          "description": "No environmental harm known."
        },
        {
          "value": 1,
          "label": "Low",
          "description": "Minor dumping or waste."
        },
        {
          "value": 2,
          "label": "Moderate",
          "description": "Illegal waste disposal or drug production waste."
        },
        {
          "value": 3,
          "label": "Substantial",
          "description": "Pollution that needs specialist clean-up."
        },
        {
          "value": 4,
          "label": "Critical",
          "description": "Lasting damage to land, water or wildlife."
        }
      ]
    },
    {
      "key": "victim-vulnerability",
      "label": "Victim vulnerability",
      "group": "vulnerability",
      "description": "How vulnerable the people the group harms or exploits are.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "None identified",
          "description": "No identifiable victims at risk."
        },
        {
          "value": 1,
          "label": "Low",
          "description": "Adult victims able to protect themselves."
        },
        {
          "value": 2,
          "label": "Moderate",
          "description": "Victims with some vulnerability: age, health, addiction or dependency."
        },
        {
          "value": 3,
          "label": "High",
          "description": "Vulnerable adults or children exploited."
        },
        {
          "value": 4,
          "label": "Extreme",
          "description": "Children or adults at risk exploited systematically (county lines, CSEA, slavery)."
        }
      ]
    },
    {
      "key": "geographic-scope",
      "label": "Geographic scope",
      "group": "scope",
      "description": "How far the group''s activity and harm reach.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "Neighbourhood",
          "description": "One neighbourhood or town."
        },
        {
          "value": 1,
          "label": "Force area",
          "description": "Across one force area."
        },
        {
          "value": 2,
          "label": "Regional",
          "description": "Several forces in the region."
        },
        {
          "value": 3,
          "label": "National",
          "description": "Across England and Wales, or several regions."
        },
        {
          "value": 4,
          "label": "International",
          "description": "Beyond the UK: international supply, money flows or control."
        }
      ]
    },
    {
      "key": "likelihood",
      "label": "Likelihood",
      "group": "likelihood",
      "description": "How likely the harm is to happen, or go on happening, in the next 12 months.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "Remote",
          "description": "Under 5%: no current activity known."
        },
        {
          "value": 1,
          "label": "Unlikely",
          "description": "5% to 25%."
        },
        {
          "value": 2,
          "label": "Possible",
          "description": "25% to 50%."
        },
        {
          "value": 3,
          "label": "Likely",
          "description": "50% to 90%."
        },
        {
          "value": 4,
          "label": "Almost certain",
          "description": "Over 90%, or the harm is happening now."
        }
      ]
    },
    {
      "key": "confidence",
      "label": "Confidence",
      "group": "confidence",
      "description": "How far the intelligence behind this assessment can be relied on.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "Low",
          "description": "Single uncorroborated source, or old intelligence."
        },
        {
          "value": 1,
          "label": "Medium",
          "description": "Some corroboration; gaps remain."
        },
        {
          "value": 2,
          "label": "High",
          "description": "Corroborated by several reliable sources or evidence."
        }
      ]
    },
    {
      "key": "capacity",
      "label": "Capacity to act",
      "group": "organisational-position",
      "description": "Whether the people, time and money to act are available.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "None",
          "description": "No resources available."
        },
        {
          "value": 1,
          "label": "Limited",
          "description": "Resources only for urgent safeguarding."
        },
        {
          "value": 2,
          "label": "Partial",
          "description": "Some resources, competing with other priorities."
        },
        {
          "value": 3,
          "label": "Good",
          "description": "Resources available with some reprioritisation."
        },
        {
          "value": 4,
          "label": "Full",
          "description": "Resources available now."
        }
      ]
    },
    {
      "key": "capability",
      "label": "Capability to act",
      "group": "organisational-position",
      "description": "Whether the powers, skills, tactics and partners needed to act are in place.",
      "weight": 1,
      "scale": [
        {
          "value": 0,
          "label": "None",
          "description": "No tactical options known."
        },
        {
          "value": 1,
          "label": "Limited",
          "description": "Options depend on capabilities from elsewhere that are not secured."
        },
        {
          "value": 2,
          "label": "Partial",
          "description": "Some options; key capabilities must be requested."
        },
        {
          "value": 3,
          "label": "Good",
          "description": "Most options available in the force or ROCU."
        },
        {
          "value": 4,
          "label": "Full",
          "description": "All the powers, skills and tactics needed are available."
        }
      ]
    }
  ],
  "formula": {
    "vulnerabilityUplift": 0.5,
    "scopeUplift": 0.5,
    "lowestConfidenceFactor": 0.8
  },
  "bands": [
    {
      "band": "High",
      "minScore": 60
    },
    {
      "band": "Medium",
      "minScore": 30
    },
    {
      "band": "Low",
      "minScore": 0
    }
  ]
}'::jsonb,
  'The default model shipped with ROCU Hub: five harm dimensions, victim vulnerability, geographic scope, likelihood and confidence score; capacity and capability to act are recorded beside the score. Replace it with your force''s own MoRiLE guidance.'
);
